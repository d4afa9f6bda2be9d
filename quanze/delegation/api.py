from ninja import Router

router = Router(tags=["赋权"])
