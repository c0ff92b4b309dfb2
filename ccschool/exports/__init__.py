"""Exports of what a person sees: tables written as files that WPS, Excel and LibreOffice open."""
