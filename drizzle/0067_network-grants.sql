-- What a network's transaction may touch at all; the policies of 0066 then pick the rows.
-- An office's listings and shared figures: read only. The network's own rules and lead log: read and write.
GRANT SELECT ON "crm_property", "network_member", "network_office_stats" TO immoxx_network;
--> statement-breakpoint
GRANT SELECT, UPDATE ON "broker_network" TO immoxx_network;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "network_lead_rule", "network_lead" TO immoxx_network;
