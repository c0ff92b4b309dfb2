"""Statistics for the township and the county: SQL aggregates, Excel and PDF writers, charts.

Nothing here imports Qt. `figures.build_report` is the one place a report's numbers are made;
the CLI, the GUI, the Excel and the PDF all show that same dict.
"""
