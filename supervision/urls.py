"""Supervision's pages under /supervision/, namespace "supervision": the activities, the
rectification items (office, unit), the trainings and research reports, and the year's figures."""
from . import urls_activities, urls_rectification, urls_training

app_name = "supervision"

urlpatterns = [
    *urls_activities.urlpatterns,
    *urls_rectification.urlpatterns,
    *urls_training.urlpatterns,
]
