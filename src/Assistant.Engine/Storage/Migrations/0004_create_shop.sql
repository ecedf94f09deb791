-- The store contract (design: "Orders"). A store may instead point ConnectionStrings__Orders at a database with
-- tables or views of these names and columns; here they start empty and `assistant seed-demo` fills them.
CREATE SCHEMA IF NOT EXISTS shop;

CREATE TABLE IF NOT EXISTS shop.customers (
    id           bigint PRIMARY KEY,
    name         text NOT NULL,
    company      text NULL,
    email        text NULL,
    phone        text NULL,          -- E.164
    external_id  text NULL,
    locale       text NULL
);
CREATE INDEX IF NOT EXISTS customers_email ON shop.customers (lower(email));
CREATE INDEX IF NOT EXISTS customers_phone ON shop.customers (phone);
CREATE INDEX IF NOT EXISTS customers_external_id ON shop.customers (external_id);

CREATE TABLE IF NOT EXISTS shop.orders (
    id            bigint PRIMARY KEY,
    order_number  text UNIQUE NOT NULL,
    customer_id   bigint NOT NULL REFERENCES shop.customers (id),
    status        text NOT NULL CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered', 'completed',
                                                  'cancelled', 'refunded', 'failed')),
    currency      text NOT NULL,
    subtotal      numeric NOT NULL,
    shipping_fee  numeric NOT NULL,
    total         numeric NOT NULL,
    placed_at     timestamptz NOT NULL,
    remark        text NULL
);
CREATE INDEX IF NOT EXISTS orders_customer ON shop.orders (customer_id, placed_at DESC);

CREATE TABLE IF NOT EXISTS shop.order_items (
    id          bigint PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES shop.orders (id),
    sku         text NOT NULL,
    name        text NOT NULL,
    quantity    int NOT NULL,
    unit_price  numeric NOT NULL,
    image_url   text NULL
);
CREATE INDEX IF NOT EXISTS order_items_order ON shop.order_items (order_id, id);

CREATE TABLE IF NOT EXISTS shop.shipments (
    id                  bigint PRIMARY KEY,
    order_id            bigint NOT NULL REFERENCES shop.orders (id),
    carrier             text NOT NULL,
    tracking_number     text NOT NULL,
    tracking_url        text NULL,
    status              text NOT NULL CHECK (status IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
    shipped_at          timestamptz NULL,
    estimated_delivery  date NULL,
    delivered_at        timestamptz NULL
);
CREATE INDEX IF NOT EXISTS shipments_order ON shop.shipments (order_id);

CREATE TABLE IF NOT EXISTS shop.shipment_events (
    id           bigint PRIMARY KEY,
    shipment_id  bigint NOT NULL REFERENCES shop.shipments (id),
    occurred_at  timestamptz NOT NULL,
    location     text NULL,
    description  text NOT NULL
);
CREATE INDEX IF NOT EXISTS shipment_events_shipment ON shop.shipment_events (shipment_id, occurred_at);
