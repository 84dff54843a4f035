package dev.parley.api.conversations;

import dev.parley.conversation.AddressChanges;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.AutoCreationChanges;
import dev.parley.conversation.AutoCreationType;
import dev.parley.conversation.NewAddress;
import dev.parley.conversation.WebhookEvents;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /v1/Configuration/Addresses}: the account's address configurations. */
public final class AddressConfigurationsApi {
  /** Twilio's enum; matched without regard to case and echoed as sent ({@code whAtsAPP}). */
  static final Set<String> TYPES =
      Set.of("sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat");

  private static final String PATH = "/v1/Configuration/Addresses";
  private final AddressConfigurations addresses;
  private final PublicUrl base;

  public AddressConfigurationsApi(AddressConfigurations addresses, PublicUrl base) {
    this.addresses = addresses;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    String type = form.required("Type");
    form.oneOf("Type", TYPES);
    NewAddress request =
        new NewAddress(
            type,
            form.required("Address"),
            form.string("FriendlyName", 256),
            form.string("AddressCountry"),
            autoCreation(form));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx, 201, () -> AddressConfigurationView.of(addresses.create(account, request), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> AddressConfigurationView.of(addresses.find(account, ctx.pathParam("Sid")), base));
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    String type = query.oneOf("Type", TYPES);
    Paging paging = Paging.parse(query, 50, 50);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("Type", query.string("Type"));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> {
          var slice =
              addresses
                  .page(account, type, paging.request())
                  .map(a -> AddressConfigurationView.of(a, base));
          return paging.reply(base, PATH, echo, "address_configurations", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    AddressChanges changes =
        new AddressChanges(form.string("FriendlyName", 256), autoCreation(form));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () ->
            AddressConfigurationView.of(
                addresses.update(account, ctx.pathParam("Sid"), changes), base));
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> addresses.delete(account, ctx.pathParam("Sid")));
  }

  private static AutoCreationChanges autoCreation(Params form) {
    return new AutoCreationChanges(
        form.bool("AutoCreation.Enabled"),
        form.oneOf("AutoCreation.Type", AutoCreationType.class),
        form.sid("AutoCreation.ConversationServiceSid", SidPrefix.SERVICE),
        form.url("AutoCreation.WebhookUrl"),
        WebhookParams.method(form, "AutoCreation.WebhookMethod"),
        WebhookParams.names(form, "AutoCreation.WebhookFilters", WebhookEvents.CONVERSATION),
        form.sid("AutoCreation.StudioFlowSid", SidPrefix.STUDIO_FLOW),
        form.integer("AutoCreation.StudioRetryCount", 0, 3));
  }
}
