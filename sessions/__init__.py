"""Sessions and their persistence. Never imports Textual."""
