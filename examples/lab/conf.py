# The lab example: a research group's site from one people file, one .bib and three YAML files.
project = "Visual Learning Lab"
author = "Visual Learning Lab"
copyright = "2026, Visual Learning Lab"

extensions = ["myst_parser", "sphinx_scholar"]

scholar_bibfiles = ["publications.bib"]
scholar_me = []  # a lab site: nobody is bold in the lists, each member is bold on their own page
scholar_group = "group.yaml"
scholar_people = "people.yaml"
scholar_news = "news.yaml"
scholar_projects = "projects.yaml"
scholar_member_pages = True
scholar_project_pages = True
scholar_news_feed = True
# A role of this lab that is not built in: it shows without editing any template.
scholar_roles = {"staff": {"label": "Research staff", "singular": "Research scientist"}}
scholar_role_order = ["pi", "staff", "postdoc", "phd", "master", "engineer", "intern", "visitor", "alumni"]
# Who is current follows from this date (reproducible builds).
scholar_today = "2026-03-01"

html_theme = "sphinx_scholar"
html_title = "Visual Learning Lab"
html_baseurl = "https://lab.example.org/"
exclude_patterns = ["_build", "_scripts"]
