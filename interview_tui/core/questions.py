"""The default question bank: the method's own sample questions for an informational interview."""

from __future__ import annotations

DEFAULT_QUESTIONS: tuple[str, ...] = (
    "Tell me about your career path.",
    "How did you get started in this field?",
    "What education and training did you need?",
    "What are the critical skills for this field?",
    "What is an average day like?",
    "What are your major responsibilities?",
    "What trends and challenges are coming in the field?",
    "What advice would you give someone entering it?",
    "Do you know anyone else I could contact?",
)
