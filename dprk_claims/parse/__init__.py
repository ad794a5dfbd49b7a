"""Stage 2: an article's layout (paragraphs, roles, printed dates and datelines) and its sentences (the one splitter)."""
