"""URLs of the registers (under /org/<org>/register/), the same for every register."""

from django.urls import path

from nettonoll.registers import backup_views, views

app_name = "registers"
BACKUP = "<str:org_code>/register/reservkraft/<int:unit_id>"
urlpatterns = [
    path("<str:org_code>/register/", views.register_index, name="index"),
    path("<str:org_code>/register/<str:slug>/", views.register_list, name="list"),
    path("<str:org_code>/register/<str:slug>/new/", views.register_new, name="new"),
    path("<str:org_code>/register/<str:slug>/<int:pk>/", views.register_detail, name="detail"),
    path("<str:org_code>/register/<str:slug>/<int:pk>/edit/", views.register_edit, name="edit"),
    path("<str:org_code>/register/<str:slug>/<int:pk>/end/", views.register_end, name="end"),
    path(f"{BACKUP}/deliveries/new/", backup_views.delivery_new, name="delivery_new"),
    path(f"{BACKUP}/deliveries/<int:pk>/", backup_views.delivery_edit, name="delivery_edit"),
    path(f"{BACKUP}/flex/new/", backup_views.flex_new, name="flex_new"),
    path(f"{BACKUP}/flex/<int:pk>/", backup_views.flex_edit, name="flex_edit"),
]
