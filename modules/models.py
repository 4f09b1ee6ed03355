"""Learning modules: study units built from documents' facts, with flashcards and a quiz."""
