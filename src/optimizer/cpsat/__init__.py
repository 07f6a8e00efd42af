"""The CP-SAT adapter: variables, one module per rule group, the objective, and the solve.

Only this subpackage imports OR-Tools; problem data comes in, a solved assignment goes out.
"""
