from drf_spectacular import openapi

from api.fields import ErrorSerializer

# Every operation can answer with these, in the shape of api.errors.
ERRORS = {
    "400": "The request is not valid; `fields` says which.",
    "401": "No token or session, or a revoked token.",
    "403": "Not allowed for you, or a read-only token.",
    "404": "Not found, or not visible to you.",
    "409": "The record changed since you read it, or an Idempotency-Key conflict.",
    "429": "Too many requests; wait for Retry-After seconds.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses
