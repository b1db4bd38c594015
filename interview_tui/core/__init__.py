"""The core: data, rules and storage. Pure Python; it never imports Textual."""
