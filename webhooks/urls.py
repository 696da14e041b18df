from django.urls import path

from webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("<int:pk>/", views.subscription_detail, name="detail"),
    path("<int:pk>/ping/", views.ping, name="ping"),
    path("<int:pk>/rotate-secret/", views.rotate, name="rotate"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("calls/<int:pk>/send-again/", views.resend, name="resend"),
]
