from ninja import Router

router = Router(tags=["履职与属地清单"])
