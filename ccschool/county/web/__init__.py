"""The county platform's web application for county staff, mounted on the receiver's app."""
