from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class StandardPagination(PageNumberPagination):
    """Page-number pagination: 20 items a page by default, at most 100 with `page_size`."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Items per page: {self.page_size} by default, at most {MAX_PAGE_SIZE} "
                    "(larger values are cut to the maximum)."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_query_param:
                parameter["description"] = "Page number, from 1. A page past the last is 404."
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
