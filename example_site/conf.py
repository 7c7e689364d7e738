# The example site: the seed researcher's page, built from data files.
project = "David Picard"
author = "David Picard"
copyright = "2026, David Picard"

extensions = ["sphinx_scholar"]

scholar_bibfiles = ["publications.bib"]
scholar_me = ["David Picard", "D. Picard"]
scholar_profile = "profile.yaml"
scholar_people = "people.yaml"
scholar_teaching = "teaching.yaml"
scholar_talks = "talks.yaml"
scholar_cv = "cv.yaml"
# The seed page was written early in 2024: who is current follows from this date.
scholar_today = "2024-01-15"

html_theme = "sphinx_scholar"
html_theme_options = {
    "description": "David Picard: machine learning for computer vision, IMAGINE/LIGM, École des Ponts ParisTech.",
}
html_title = "David Picard"
exclude_patterns = ["_build", "_scripts"]
