namespace Assistant.Stores.Shopify;

/// <summary>
/// Every query the adapter sends, in Admin GraphQL (checked against Shopify's published schema of
/// <see cref="ShopifyOptions.DefaultApiVersion"/> by the tests). Page sizes keep each query's calculated cost well
/// under Shopify's 1,000-point limit: an order look-up costs about 250 points, a product search about 450.
/// </summary>
public static class ShopifyQueries
{
    private const string CustomerFields = """
        fragment CustomerFields on Customer {
          legacyResourceId
          displayName
          locale
          defaultEmailAddress { emailAddress }
          defaultPhoneNumber { phoneNumber }
        }
        """;

    private const string OrderFields = """
        fragment OrderFields on Order {
          legacyResourceId
          name
          processedAt
          cancelledAt
          closed
          currencyCode
          email
          phone
          displayFinancialStatus
          displayFulfillmentStatus
          subtotalPriceSet { shopMoney { amount } }
          totalShippingPriceSet { shopMoney { amount } }
          totalPriceSet { shopMoney { amount } }
          customer { ...CustomerFields }
          lineItems(first: $items) {
            nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } image { url } }
          }
          fulfillments(first: 5) {
            legacyResourceId
            status
            displayStatus
            createdAt
            inTransitAt
            deliveredAt
            estimatedDeliveryAt
            trackingInfo(first: 3) { company number url }
            events(first: $events, sortKey: HAPPENED_AT) { nodes { happenedAt status message city province country } }
          }
        }
        """;

    private const string ProductFields = """
        fragment ProductFields on Product {
          legacyResourceId
          title
          description(truncateAt: 400)
          productType
          status
          hasOnlyDefaultVariant
          onlineStoreUrl
          category { name }
          featuredMedia { preview { image { url } } }
          translations(locale: $locale) @include(if: $translate) { key value }
        }
        """;

    private const string VariantFields = """
        fragment VariantFields on ProductVariant {
          legacyResourceId
          sku
          title
          price
          inventoryQuantity
          inventoryItem { tracked }
          media(first: 1) { nodes { preview { image { url } } } }
        }
        """;

    /// <summary>Orders whose name matches (the caller keeps only the exact one).</summary>
    public const string OrdersByName = $$"""
        query OrdersByName($query: String!, $items: Int!, $events: Int!) {
          orders(first: 3, query: $query) { nodes { ...OrderFields } }
        }
        {{OrderFields}}
        {{CustomerFields}}
        """;

    /// <summary>The customers' newest orders, newest first.</summary>
    public const string RecentOrders = $$"""
        query RecentOrders($query: String!, $first: Int!, $items: Int!, $events: Int!) {
          orders(first: $first, query: $query, sortKey: PROCESSED_AT, reverse: true) { nodes { ...OrderFields } }
        }
        {{OrderFields}}
        {{CustomerFields}}
        """;

    /// <summary>Customers by id, email or phone, in one call.</summary>
    public const string Customers = $$"""
        query Customers($query: String!) {
          customers(first: 20, query: $query) { nodes { ...CustomerFields } }
        }
        {{CustomerFields}}
        """;

    /// <summary>Products by the shop's own search (relevance first), with their variants and the shop's currency.</summary>
    public const string SearchProducts = $$"""
        query SearchProducts($query: String!, $first: Int!, $locale: String!, $translate: Boolean!) {
          shop { currencyCode }
          products(first: $first, query: $query, sortKey: RELEVANCE) {
            nodes { ...ProductFields variants(first: 20) { nodes { ...VariantFields } } }
          }
        }
        {{ProductFields}}
        {{VariantFields}}
        """;

    /// <summary>Variants by SKU or id, each with its product.</summary>
    public const string Variants = $$"""
        query Variants($query: String!, $first: Int!, $locale: String!, $translate: Boolean!) {
          shop { currencyCode }
          productVariants(first: $first, query: $query) { nodes { ...VariantFields product { ...ProductFields } } }
        }
        {{ProductFields}}
        {{VariantFields}}
        """;

    /// <summary>What <c>assistant setup shopify</c> checks: the shop, and the scopes the token was granted.</summary>
    public const string Setup = """
        query Setup {
          shop { name currencyCode myshopifyDomain }
          currentAppInstallation { accessScopes { handle } }
        }
        """;

    /// <summary>What an order action needs of the order: where it stands, its address, its returns, and the fulfilled items a return names.</summary>
    public const string OrderForAction = """
        query OrderForAction($id: ID!) {
          order(id: $id) {
            legacyResourceId
            cancelledAt
            displayFinancialStatus
            displayFulfillmentStatus
            shippingAddress { address1 address2 city province zip countryCodeV2 }
            fulfillments(first: 10) { fulfillmentLineItems(first: 50) { nodes { id quantity lineItem { sku } } } }
            returns(first: 10) { nodes { name status } }
          }
        }
        """;

    /// <summary>Cancels at the customer's request: refunded to the original payment, restocked, the customer notified by Shopify.</summary>
    public const string CancelOrder = """
        mutation CancelOrder($id: ID!, $note: String) {
          orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: true, staffNote: $note,
                      refundMethod: { originalPaymentMethodsRefund: true }) {
            job { id done }
            orderCancelUserErrors { code field message }
          }
        }
        """;

    /// <summary>Files the customer's return request, which the merchant approves or declines in Shopify.</summary>
    public const string RequestReturn = """
        mutation RequestReturn($input: ReturnRequestInput!) {
          returnRequest(input: $input) {
            return { name status }
            userErrors { code field message }
          }
        }
        """;

    /// <summary>Sends the order to another address.</summary>
    public const string UpdateShippingAddress = """
        mutation UpdateShippingAddress($input: OrderInput!) {
          orderUpdate(input: $input) {
            order { legacyResourceId }
            userErrors { field message }
          }
        }
        """;

    public static IReadOnlyList<string> All { get; } =
        [OrdersByName, RecentOrders, Customers, SearchProducts, Variants, Setup, OrderForAction, CancelOrder, RequestReturn, UpdateShippingAddress];
}
