"""Reports and output files."""
