"""Knowledge checks, attendance and feedback on screen (issue #20): one module per view."""
