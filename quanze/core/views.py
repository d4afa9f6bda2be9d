from django.shortcuts import render

from quanze.core.history import history_for


def home(request):
    return render(request, "core/home.html")


def history(request, model: str, pk: int):
    """The change history of any recorded object, behind that object's access choke point."""
    from quanze.core.registry import access_for_history

    obj = access_for_history(request.user, model, pk)
    return render(request, "core/history.html", {"object": obj, "records": history_for(obj)[:500]})
