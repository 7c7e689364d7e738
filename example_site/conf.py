# The example site: the seed researcher's page, built from data files.
project = "David Picard"
author = "David Picard"
copyright = "2026, David Picard"

extensions = ["sphinx_scholar"]

scholar_bibfiles = ["publications.bib"]
scholar_me = ["David Picard", "D. Picard"]

html_title = "David Picard"
exclude_patterns = ["_build", "_scripts"]
