"""Files and pages written beside the HTML: downloads, the Atom feed, paper pages."""
