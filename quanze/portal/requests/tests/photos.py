"""Uploads for the tests: a real (tiny) PNG and JPEG, and files that only pretend."""

from django.core.files.uploadedfile import SimpleUploadedFile

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def png(name="现场.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def jpeg(name="现场.jpg"):
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def fake_photo(name="现场.jpg"):
    """A script named like a photo, sent with an image content type."""
    return SimpleUploadedFile(name, b"#!/bin/sh\nrm -rf /\n", content_type="image/jpeg")


def oversized(name="大图.jpg"):
    return SimpleUploadedFile(
        name, JPEG[:3] + b"\0" * (5 * 1024 * 1024 + 1), content_type="image/jpeg"
    )
