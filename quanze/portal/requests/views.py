"""The citizen's pages: file a request, follow it, rate the result. No login."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quanze.core.errors import NotFound
from quanze.portal.requests import services
from quanze.portal.requests.forms import RatingForm, RequestForm
from quanze.portal.requests.guard import TooManyRequests
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.selectors import public_view, request_by_number


def client_address(request) -> str:
    """The sender's address as the server saw it (a proxy in front must set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


FIELD_OF = {
    "service_code": "category",
    "township": "place",
    "village": "place",
    "latitude": "place",
    "longitude": "place",
}


def add_errors(form, error: ValidationError) -> None:
    """A service's refusal onto the form: each message beside its field."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, found in error.message_dict.items():
        name = FIELD_OF.get(name, name)
        for message in found:
            form.add_error(name if name in form.fields else None, message)


@require_http_methods(["GET", "POST"])
def request_new(request):
    form = RequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.request_submit(
                channel=CitizenRequest.Channel.WEB,
                address=client_address(request),
                county=data["county"],
                township=data["township"],
                place_text=data["place"],
                description=data["description"],
                name=data["name"],
                phone=data["phone"],
                photos=data["photos"],
                service=data["category"] or None,
            )
        except TooManyRequests as refused:
            form.add_error(None, str(refused))
            status = 429
        except ValidationError as error:
            add_errors(form, error)
            status = 400
        else:
            messages.success(
                request,
                f"诉求已受理,受理编号 {submission.request.number}。请保存本页地址:凭它查询进度并评价办理结果。",
            )
            url = reverse("portal:request_status", args=[submission.request.number])
            return redirect(f"{url}?key={submission.key}")
    elif request.method == "POST":
        status = 400
    return render(request, "portal/request_new.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def request_status(request, number):
    try:
        citizen_request = request_by_number(number)
    except NotFound:
        return render(request, "portal/request_missing.html", {"number": number}, status=404)
    key = request.POST.get("key") or request.GET.get("key") or ""
    rating_form = RatingForm(request.POST or None, initial={"key": key})
    if request.method == "POST" and rating_form.is_valid():
        data = rating_form.cleaned_data
        try:
            services.request_rate(
                number=citizen_request.number,
                key=data["key"],
                rating=data["rating"],
                satisfied=data["satisfied"],
                comment=data["comment"],
            )
        except NotFound:
            rating_form.add_error(None, "查询码不正确:只有提交诉求的人可以评价")
        except ValidationError as error:
            add_errors(rating_form, error)
        else:
            messages.success(request, "感谢评价,您的意见已转给承办单位和编办")
            return redirect("portal:request_status", number=citizen_request.number)
        citizen_request = request_by_number(number)
    view = public_view(citizen_request)
    return render(
        request,
        "portal/request_status.html",
        {"view": view, "rating_form": rating_form if key and view["can_rate"] else None},
        status=400 if rating_form.errors else 200,
    )


def request_track(request):
    """Find a request by its number (the form on the request page)."""
    number = (request.GET.get("number") or "").strip().upper()
    if number:
        return redirect("portal:request_status", number=number)
    return redirect("portal:request_new")
