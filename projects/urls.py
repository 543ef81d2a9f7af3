from django.urls import path

from . import views

# Included twice from the root URLconf, under the namespaces "projects" and
# "events": events are part of this app but have their own URL space.
project_patterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]

event_patterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
