"""Choose and order records: the filter language, sorting, grouping, name matching. Pure."""
