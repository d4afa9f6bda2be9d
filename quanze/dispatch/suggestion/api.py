"""The suggestion API: the matters a complaint's text most likely concerns."""

from ninja import Router
from ninja.security import django_auth

from quanze.dispatch.suggestion.selectors import suggestions_for

router = Router()


@router.get("/suggest", response=list[dict], auth=django_auth, summary="按诉求内容推荐事项")
def suggest(request, text: str):
    if request.user.county_id is None:
        return []
    return suggestions_for(county=request.user.county, text=text)
