"""Photos stored before the image pipeline still carry their metadata (GPS, camera).

Each is re-encoded through common.images as a new upload would be, with its
thumbnail; one the pipeline refuses (not a picture, too large, too many
pixels) is removed, as it would be refused today. The old files go once the
migration commits.
"""

from django.db import migrations, transaction


def clean_stored_photos(apps, schema_editor):
    from common import images

    User = apps.get_model("accounts", "User")
    old_files = []
    for user in User.objects.exclude(photo="").filter(photo_thumbnail=""):
        try:
            with user.photo.open("rb") as stored:
                cleaned = images.clean_image(stored, images.PORTRAIT)
        except OSError:
            # Unreadable here (the media volume may not be mounted where the
            # migration runs): leave the photo as it is rather than lose it.
            continue
        except images.ImageRejected:
            old_files.append((user.photo.storage, user.photo.name))
            user.photo = ""
        else:
            old_files.append((user.photo.storage, user.photo.name))
            user.photo.save(cleaned.name, cleaned, save=False)
            user.photo_thumbnail.save(cleaned.thumbnail.name, cleaned.thumbnail, save=False)
        user.save(update_fields=["photo", "photo_thumbnail"])

    def delete_old_files():
        for storage, name in old_files:
            storage.delete(name)

    transaction.on_commit(delete_old_files)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_photo_thumbnail"),
    ]

    operations = [
        migrations.RunPython(clean_stored_photos, migrations.RunPython.noop, elidable=True),
    ]
