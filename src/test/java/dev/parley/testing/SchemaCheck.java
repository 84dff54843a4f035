package dev.parley.testing;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;

/** A REST Assured filter that validates every response against the official spec. */
final class SchemaCheck implements Filter {
  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext ctx) {
    Response answer = ctx.next(request, response);
    String path = URI.create(request.getURI()).getPath();
    OpenApi.assertValid(request.getMethod(), path, answer.statusCode(), answer.asString());
    return answer;
  }
}
