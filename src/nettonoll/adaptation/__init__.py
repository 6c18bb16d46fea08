"""Climate adaptation per building and hazard (likelihood, consequence, vulnerable use, measures)
and new-build projects with their environmental requirement and its follow-up."""
