"""`python -m apknews`: the same command as the `apknews` script."""

from apknews.app import main

main()
