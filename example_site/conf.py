project = "David Picard"
author = "David Picard"
extensions = ["sphinx_scholar"]
scholar_bibfiles = ["publications.bib"]
scholar_me = ["David Picard"]
html_title = "David Picard"
exclude_patterns = ["_build"]
