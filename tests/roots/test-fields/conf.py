extensions = ["sphinx_scholar"]
scholar_bibfiles = ["refs.bib"]
scholar_me = ["David Picard", "D. Picard"]
exclude_patterns = ["_build"]
