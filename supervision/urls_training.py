"""The year's figures, trainings and study visits, and research reports."""
from django.urls import path

from .views import overview, trainings

urlpatterns = [
    path("figures/", overview.overview, name="overview"),
    path("trainings/", trainings.training_list, name="training_list"),
    path("trainings/new/", trainings.training_create, name="training_create"),
    path("trainings/<int:pk>/", trainings.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", trainings.training_update, name="training_update"),
    path("trainings/<int:pk>/held/", trainings.training_hold, name="training_hold"),
    path("trainings/<int:pk>/cancel/", trainings.training_cancel, name="training_cancel"),
    path("trainings/<int:pk>/materials/", trainings.training_materials_add, name="training_materials_add"),
    path("trainings/materials/<int:pk>/", trainings.training_material, name="training_material"),
    path("trainings/materials/<int:pk>/remove/", trainings.training_material_remove,
         name="training_material_remove"),
    path("research/", trainings.research_list, name="research_list"),
    path("research/new/", trainings.research_create, name="research_create"),
    path("research/<int:pk>/", trainings.research_detail, name="research_detail"),
    path("research/<int:pk>/edit/", trainings.research_update, name="research_update"),
    path("research/<int:pk>/file/", trainings.research_file, name="research_file"),
]
