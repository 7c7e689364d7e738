"""Records to text formats: BibTeX, CSL-JSON, RIS, Atom, scholarly metadata. Pure."""
