from django.urls import path

from classes import views

app_name = "classes"

urlpatterns = [
    path("classes/", views.my_classes, name="mine"),
    path("teach/classes/", views.teach_classes, name="teach_classes"),
    path("teach/classes/<int:class_id>/", views.teach_class, name="teach_class"),
    path("teach/classes/<int:class_id>/results.csv", views.teach_class_csv, name="teach_class_csv"),
]
