"""`python -m optimizer`: the `preexhaust` command without the console script."""

from .cli import main

main()
