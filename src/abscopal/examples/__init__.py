"""Example scenarios shipped with the package."""
