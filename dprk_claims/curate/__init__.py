"""Work on the annotations that calls the build like a user: agreement, evaluation, training, Label Studio."""
