"""``sphinx-scholar sync``: citation counts and missing works from open scholarly APIs.

Only this package touches the network, and only when the command runs; a
Sphinx build reads what it wrote (the sidecar file) and nothing else.
"""
