"""Outcomes in the app: the loneliness measurement form, a person's measurements and
activities (a tab of the person page), the activities register and the period report."""
