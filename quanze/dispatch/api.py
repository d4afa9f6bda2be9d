from ninja import Router

router = Router(tags=["吹哨报到"])
