"""PDF documents: learning cards, certificates, sign-in sheets, transcripts and volunteers'
service-hours statements.

Plain data in, PDF out: nothing here touches the database or Qt. The services in
ccschool/services/printing.py gather the data; every writer takes `progress(done, total)` and
`cancel() -> bool`, raises Cancelled when cancelled, and writes its file atomically.
"""
from ccschool.printing.cards import CardData, write_cards
from ccschool.printing.certificate import CertificateData, write_certificates
from ccschool.printing.job import Cancelled
from ccschool.printing.service_statement import (ServiceLine, ServiceStatementData,
                                                 write_service_statement)
from ccschool.printing.signin_sheet import SigninRow, SigninSheetData, write_signin_sheet
from ccschool.printing.transcript import (AttendedSession, ClassSummary, TranscriptData,
                                          write_transcript)

__all__ = ["AttendedSession", "Cancelled", "CardData", "CertificateData", "ClassSummary",
           "ServiceLine", "ServiceStatementData", "SigninRow", "SigninSheetData",
           "TranscriptData", "write_cards", "write_certificates", "write_service_statement",
           "write_signin_sheet", "write_transcript"]
