/** CSV deal labels → HubSpot ids (sync_bridge/src/sources/csv/mapper.ts). */
import { labelToId, DEFAULT_STAGE_IDS } from "../../../../sync_bridge/src/sources/csv/mapper";

describe("deal stage labels", () => {
  it("maps HubSpot's default labels to their ids, the config first, unknown labels to a slug", () => {
    expect(labelToId("Closed Won", {}, DEFAULT_STAGE_IDS)).toBe("closedwon");
    expect(labelToId("Demo booked", { "demo booked": "appointmentscheduled" }, DEFAULT_STAGE_IDS)).toBe("appointmentscheduled");
    expect(labelToId("Waiting on legal", {}, DEFAULT_STAGE_IDS)).toBe("waiting_on_legal");
  });
});
