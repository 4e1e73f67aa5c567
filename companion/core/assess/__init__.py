"""Knowledge checks, attendance and feedback: what participants learned (issue #20)."""
