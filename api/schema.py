import re

from drf_spectacular import openapi

from api.fields import ErrorSerializer

# The errors an operation can give, each in the shape of api.errors, with the
# condition under which the operation documents it.
WRITES = ("POST", "PUT", "PATCH", "DELETE")
WITH_BODY = ("POST", "PUT", "PATCH")
ERRORS = {
    "400": "The request is not valid: a field of the body or a query parameter; "
    "`fields` names which.",
    "401": "No token or session, or a revoked or expired token.",
    "403": "Not allowed for you, or a read-only token.",
    "404": "Not found, or not visible to you.",
    "409": "The record changed since you read it (`stale_version`), its state does "
    "not allow this (`invalid_state`; the message names the state), or an "
    "Idempotency-Key conflict (`conflict`).",
    "413": "The body is larger than the API accepts (`request_too_large`).",
    "415": "The body is not in a type the operation reads (`unsupported_media_type`).",
    "429": "Too many requests; wait for Retry-After seconds.",
}
PATH_PARAMETER = re.compile(r"\{[^}]+\}")


class AutoSchema(openapi.AutoSchema):
    def error_codes(self) -> list[str]:
        """The error statuses this operation can answer with."""
        method = self.method.upper()
        codes = ["401", "403", "429"]
        if method in WRITES or self._is_list_view() or self._get_filter_parameters():
            codes.append("400")
        if PATH_PARAMETER.search(self.path):
            codes.append("404")
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            # POST takes an Idempotency-Key; PUT and PATCH check the record's version;
            # any write may find the record in a state that refuses it.
            codes.append("409")
        if method in WITH_BODY:
            codes += ["413", "415"]
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = ERRORS[code]
                responses[code] = response
        return responses
