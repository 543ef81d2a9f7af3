from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.ContactListView.as_view(), name="list"),
    path("<slug:slug>.vcf", views.ContactVCardView.as_view(), name="vcard"),
    path("<slug:slug>/", views.ContactPlaceView.as_view(), name="contact"),
    path(
        "organisation/<slug:slug>/",
        views.ContactPlaceView.as_view(organisation=True),
        name="organisation",
    ),
]
