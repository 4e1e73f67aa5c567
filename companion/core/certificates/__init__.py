"""Certificates of participation that anyone can verify offline.

``payload`` owns the signed text in the QR code (format: docs/certificates.md),
``issue`` who qualifies and why, ``pdf`` the printed page. No Qt, no store:
the application layer hands these modules the roster, marks and results.
"""
