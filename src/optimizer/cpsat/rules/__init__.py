"""One module per group of hard rules; each adds its constraints and nothing else."""
