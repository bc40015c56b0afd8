"""`python -m kdlint` runs the command line."""
from kdlint.cli import main

if __name__ == "__main__":
    main()
